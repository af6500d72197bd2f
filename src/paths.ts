/** Where the repository's own files are, whatever the working directory (from src/ or dist/). */
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));
