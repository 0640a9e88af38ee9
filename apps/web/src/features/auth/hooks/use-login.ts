import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';

export function useLogin() {
  return useMutation({ mutationFn: ({ username, password }: { username: string; password: string }) => api.login(username, password) });
}
