import { useEffect, useState } from 'react';
import type { AppInfo } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';

/** The host's self-description, asked once: which host, which version, how much data. */
export function useAppInfo(): Result<AppInfo> | null {
  const client = useApi();
  const [info, setInfo] = useState<Result<AppInfo> | null>(null);
  useEffect(() => {
    let current = true;
    void call(client, 'app.info', {}).then((result) => {
      if (current) setInfo(result);
    });
    return () => {
      current = false;
    };
  }, [client]);
  return info;
}
