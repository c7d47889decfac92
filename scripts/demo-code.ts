// `npm run demo:code`: the current two-step login code of the demo accounts (their TOTP secret is
// DEMO_TOTP_SECRET in src/server/db/seed/demo.ts), and how long it is valid.
import { DEMO_TOTP_SECRET } from '../src/server/db/seed/demo.js';
import { base32Decode, totp, TOTP_STEP_SECONDS } from '../src/server/adapters/totp.js';

const now = new Date();
const left = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
console.log(`${totp(base32Decode(DEMO_TOTP_SECRET), now)}  (valid for ${left} more seconds; each code logs in once)`);
