import { config as dotenv } from 'dotenv';

/** Loads .env for local use; real environment variables win. */
export function loadDotEnv(): void {
  dotenv({ quiet: true });
}
