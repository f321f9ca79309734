type Env = Record<string, string>;

/**
 * Compose's interpolation of `${NAME}`, `${NAME:-default}` and `${NAME:?message}` from an env file, as
 * `docker compose --env-file` does it: `:-` and `:?` treat an empty value as unset; `:?` stops the
 * whole start, which here throws with the message.
 */
export function interpolate(value: string, envFile: Env): string {
  return value.replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const set = envFile[name];
      if (op === ':-') return set ? set : (arg ?? '');
      if (op === ':?') {
        if (!set) throw new Error(`${name}: ${arg ?? 'required'}`);
        return set;
      }
      return set ?? '';
    },
  );
}
