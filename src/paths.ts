/** Where the repository's own files are, whatever the working directory (from src/ or dist/). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The Kubernetes manifest validator, in the venv that `make python-tools` creates. */
export const KUBERNETES_VALIDATE = join(REPOSITORY_ROOT, '.venv/bin/kubernetes-validate');
