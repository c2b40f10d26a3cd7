import { rmSync } from 'node:fs';

// Each run starts on an empty database.
export default function globalSetup() {
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`../target/e2e/banshui.db${suffix}`, { force: true });
  }
}
