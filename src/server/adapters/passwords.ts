/** Password hashing with argon2id (@node-rs/argon2). Tests may pass cheaper parameters. */
import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** OWASP's argon2id minimum (19 MiB, 2 iterations) by default. */
export function argon2Hasher(params: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  // Argon2id is the library's default algorithm (its enum is a const enum, which isolatedModules cannot import).
  const options = { memoryCost: params.memoryCost ?? 19_456, timeCost: params.timeCost ?? 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, options),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
