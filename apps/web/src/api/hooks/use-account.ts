import { useMutation } from '@tanstack/react-query';
import { call, http } from '../client';

/** Changing one's own password revokes every older token; the answer carries the new one. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => call(http.POST('/api/auth/change-password', { body })),
  });
}

/** Revokes this very token on the server (so a copied token dies with the session). */
export function useLogout() {
  return useMutation({ mutationFn: () => call(http.POST('/api/auth/logout')) });
}
