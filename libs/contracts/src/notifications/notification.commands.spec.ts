import { ValidationFailedError } from '../errors/domain-error';
import { ContractValidationPipe } from '../validation/contract-validation.pipe';
import { NotificationPreferencesBody } from './notification.commands';

const preference = { type: 'comment.held', inApp: true, email: false, telegram: false };

describe('notification preferences body', () => {
  const pipe = new ContractValidationPipe();
  const check = (items: unknown) =>
    pipe.transform({ items }, { type: 'body', metatype: NotificationPreferencesBody });

  it('takes a list of preferences', async () => {
    await expect(check([preference])).resolves.toBeInstanceOf(NotificationPreferencesBody);
  });

  it.each([
    ['a preference wrapped in arrays', [[[preference]]]],
    ['an empty array as an item', [[]]],
  ])('refuses %s, naming the items', async (_, items) => {
    const error: unknown = await check(items).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).errors?.map((row) => row.field)).toContain('items');
  });
});
