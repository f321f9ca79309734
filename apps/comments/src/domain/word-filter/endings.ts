/**
 * What may follow an entry inside a word. Deliberately closed lists: a stem followed by anything else
 * is another word ("Scampi", "лохматый") and does not match.
 */

/** Russian noun, adjective and pronoun endings: what a plain word may take. */
export const RUSSIAN_INFLECTIONS: readonly string[] = [
  'а', 'я', 'о', 'е', 'у', 'ю', 'ы', 'и', 'ь', 'й',
  'ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'ов', 'ев', 'ам', 'ям', 'ах', 'ях', 'ами', 'ями',
  'ый', 'ий', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ого', 'его', 'ому', 'ему',
  'ым', 'им', 'ых', 'их', 'ыми', 'ими', 'ую', 'юю',
]; // prettier-ignore

/** Russian verb endings, allowed after a stem (спам-и-ть, спам-ят, спам-и-л-а). */
export const RUSSIAN_VERB_ENDINGS: readonly string[] = [
  'ть', 'ти', 'ешь', 'ет', 'ете', 'ут', 'ют', 'ишь', 'ит', 'ите', 'ат', 'ят',
  'л', 'ла', 'ло', 'ли', 'йте',
]; // prettier-ignore

/** Russian derivational suffixes, thematic vowels and participle markers a stem may take. */
export const RUSSIAN_SUFFIXES: readonly string[] = [
  'ер', 'ист', 'изм', 'инг', 'ств', 'еств', 'ск', 'еск', 'ческ', 'ник', 'чик', 'щик', 'ниц', 'иц',
  'ец', 'к', 'ок', 'ек', 'ик', 'ч', 'ц', 'н', 'ен', 'ан', 'ян', 'ин', 'енн', 'нн', 'ост', 'ов', 'ев',
  'ив', 'л', 'тель', 'ун', 'ищ', 'ичк', 'очк', 'ечк', 'еньк', 'оньк',
  'и', 'а', 'е', 'о', 'я', 'ова', 'ева', 'ыва', 'ива', 'ну', 'ирова', 'вш', 'ющ', 'ущ', 'ащ', 'ящ',
]; // prettier-ignore

export const RUSSIAN_REFLEXIVE: readonly string[] = ['ся', 'сь'];

export const ENGLISH_INFLECTIONS: readonly string[] = ['s', 'es'];

/** English endings after a stem: inflections and the suffixes that build words on it. */
export const ENGLISH_STEM_ENDINGS: readonly string[] = [
  's', 'es', 'ed', 'ing', 'ings', 'er', 'ers', 'est', 'y', 'ies', 'ied', 'ly',
]; // prettier-ignore

export const ENGLISH_SUFFIXES: readonly string[] = [
  'er', 'ist', 'ism', 'ster', 'ery', 'ulent', 'ulence', 'ous', 'ful', 'less', 'ness', 'ish', 'ic',
  'ical', 'al', 'able', 'ment', 'ation', 'ize', 'ise', 'y',
]; // prettier-ignore

/** Longest ending (in letters) a stem may take: "-ерскими", "-ческими", "-ulently". */
export const MAX_STEM_ENDING_LETTERS = 9;
export const MAX_SUFFIXES = 3;
