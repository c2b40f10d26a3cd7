import { mkdirSync } from 'node:fs';

// The servers remove their own database files when they start (see playwright.config.ts).
export default function globalSetup() {
  mkdirSync('../target/e2e', { recursive: true });
}
