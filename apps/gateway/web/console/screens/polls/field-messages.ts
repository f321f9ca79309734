/**
 * The gateway translates a problem's detail but leaves each field's message as the server wrote it (in
 * English, for programs). The messages the poll rules give are known, so the Russian console says them
 * in Russian; any other message is shown as the server wrote it.
 */
const RUSSIAN: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^Repeats option (\d+)\.$/, (m) => `Повторяет вариант ${m[1]}.`],
  [/^An option must not be blank\.$/, () => 'Вариант не может быть пустым.'],
  [/^The question must not be blank\.$/, () => 'Вопрос не может быть пустым.'],
  [
    /^maxChoices applies only to multiple-choice polls\.$/,
    () => 'Ограничение есть только при выборе нескольких вариантов.',
  ],
  [
    /^maxChoices must not exceed the number of options \((\d+)\)\.$/,
    (m) => `Не больше, чем вариантов в опросе (${m[1]}).`,
  ],
  [/^closesAt must be after opensAt\.$/, () => 'Окончание должно быть позже начала.'],
  [/must be longer than or equal to 1 characters$/, () => 'Заполните это поле.'],
  [/must be shorter than or equal to (\d+) characters$/, (m) => `Не длиннее ${m[1]} символов.`],
  [/must be a single line$/, () => 'Без переводов строки.'],
  [/must match .+ regular expression$/, () => 'Недопустимые символы.'],
  [/must be a date-time/, () => 'Неверная дата.'],
  [/must not be less than 1$/, () => 'Не меньше 1.'],
  [/must be an integer number$/, () => 'Нужно целое число.'],
];

export function fieldMessage(message: string, locale: string): string {
  if (locale !== 'ru') return message;
  for (const [pattern, say] of RUSSIAN) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}
