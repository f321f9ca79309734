import { DEFAULT_LANGUAGE, Language, LANGUAGES } from './problem.messages';

interface Range {
  primary: string;
  quality: number;
  position: number;
}

const MAX_RANGES = 32;

function parseRanges(header: string): Range[] {
  return header
    .split(',')
    .slice(0, MAX_RANGES)
    .map((part, position) => {
      const [tag, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find(Boolean);
      return {
        primary: tag.trim().toLowerCase().split('-')[0],
        quality: q === undefined ? 1 : Number(q),
        position,
      };
    })
    .filter((range) => range.primary.length > 0);
}

/**
 * The language of our answer for an Accept-Language header (RFC 9110, section 12.5.4): the supported
 * language with the highest quality, matched on the primary subtag (`ru-RU` asks for Russian), `*`
 * standing for any language not named; on a tie the one named first. No header, or nothing we speak,
 * gets DEFAULT_LANGUAGE.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  const ranges = parseRanges(value);
  const wildcard = ranges.find((range) => range.primary === '*');
  let best: { language: Language; quality: number; position: number } | undefined;
  for (const language of LANGUAGES) {
    const named = ranges.filter((range) => range.primary === language);
    const quality = named.length > 0 ? Math.max(...named.map((range) => range.quality)) : wildcard?.quality;
    if (quality === undefined || quality <= 0) continue;
    const position = named.length > 0 ? Math.min(...named.map((range) => range.position)) : Infinity;
    const wins =
      !best ||
      quality > best.quality ||
      (quality === best.quality &&
        (position < best.position || (position === best.position && language === DEFAULT_LANGUAGE)));
    if (wins) best = { language, quality, position };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
