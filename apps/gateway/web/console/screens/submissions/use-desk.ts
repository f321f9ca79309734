import { useMemo } from 'preact/hooks';
import { useConsole } from '@web/console/console-context';
import { DeskApi } from './desk-api';

export function useDeskApi(): DeskApi {
  const { api } = useConsole();
  return useMemo(() => new DeskApi(api), [api]);
}
