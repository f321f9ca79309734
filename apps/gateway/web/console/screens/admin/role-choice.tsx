import type { Role } from '@app/contracts/identity/roles';
import { useTexts } from '@web/console/console-context';
import { ADMIN_MESSAGES } from './admin-messages';
import { ROLE_CHOICES } from './admin-api';

/** Roles as a group of checkboxes (an account may hold several). */
export function RoleChoice({
  legend,
  chosen,
  onChange,
  error,
  name,
}: {
  legend: string;
  chosen: readonly Role[];
  onChange(roles: Role[]): void;
  error?: string;
  name: string;
}) {
  const t = useTexts(ADMIN_MESSAGES);
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {ROLE_CHOICES.map((role) => (
        <label key={role} class="inline">
          <input
            type="checkbox"
            name={name}
            value={role}
            checked={chosen.includes(role)}
            onChange={(event) =>
              onChange(
                event.currentTarget.checked
                  ? ROLE_CHOICES.filter((r) => r === role || chosen.includes(r))
                  : chosen.filter((r) => r !== role),
              )
            }
          />
          {t(`role.${role}`)}
        </label>
      ))}
      {error ? <p class="field-error">{error}</p> : null}
    </fieldset>
  );
}
