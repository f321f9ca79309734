import type { SubmissionCategory } from '@app/contracts/reporter/submission.model';

/**
 * The message key of each submission category, for the reporter widget and the console's desk alike
 * (each catalogue has these keys). The contract's list cannot be imported as a value (the model file
 * carries Node-only decorators), so it is restated here: a category added there fails the build here.
 */
export const CATEGORY_LABELS = {
  incident: 'categoryIncident',
  city: 'categoryCity',
  transport: 'categoryTransport',
  housing: 'categoryHousing',
  environment: 'categoryEnvironment',
  society: 'categorySociety',
  politics: 'categoryPolitics',
  business: 'categoryBusiness',
  culture: 'categoryCulture',
  sport: 'categorySport',
  other: 'categoryOther',
} as const satisfies Record<SubmissionCategory, `category${string}`>;
