/** Article ids come from the portal: 1–128 characters of [A-Za-z0-9._:-]. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const ARTICLE_ID_MAX_LENGTH = 128;
