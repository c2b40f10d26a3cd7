import { rmSync } from 'node:fs';

// Each run starts on an empty database.
export default function globalSetup() {
  for (const db of ['banshui.db', 'short-session.db']) {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`../target/e2e/${db}${suffix}`, { force: true });
    }
  }
}
