import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { accountApi, type Account } from '../services/accountApi';

export const ACCOUNT_KEY = ['account', 'me'] as const;

/** Who is signed in (null: nobody), from GET /auth/me. */
export function useAccount() {
  // Any failure reads as "not signed in" (a query in error would fetch again
  // on every mount, and the pages below mount as it settles).
  const q = useQuery<Account | null>({
    queryKey: ACCOUNT_KEY,
    queryFn: () => accountApi.me().catch(() => null),
    staleTime: 30_000,
    retry: false,
  });
  const client = useQueryClient();
  const setAccount = useCallback(
    (a: Account | null) => {
      client.setQueryData(ACCOUNT_KEY, a);
      void client.invalidateQueries({ queryKey: ['account', 'sessions'] });
    },
    [client],
  );
  return { account: q.data ?? null, loading: q.isPending, setAccount };
}
