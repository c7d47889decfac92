// Imported first by main.tsx. The shared contracts bring zod into the bundle (through src/domain); zod
// probes `new Function` to compile fast parsers, which a strict Content-Security-Policy (no
// 'unsafe-eval') reports as a violation. The browser parses little, so it does without.
import { config } from 'zod';

config({ jitless: true });
