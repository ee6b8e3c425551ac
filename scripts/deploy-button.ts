/**
 * `npm run deploy-button -- <your repository URL>` prints the README's "Deploy with Vercel" link for
 * your fork. The link asks for each required variable (with a description and where to get it) and
 * offers a Neon PostgreSQL through Vercel's storage integration, which fills in DATABASE_URL.
 */
import { deployButtonUrl } from "../lib/deploy/button";

const repository = process.argv[2];
if (!repository || !URL.canParse(repository)) {
  console.error("Usage: npm run deploy-button -- https://github.com/<you>/<your-fork>");
  process.exit(1);
}
console.log(`[![Deploy with Vercel](https://vercel.com/button)](${deployButtonUrl(repository)})`);
