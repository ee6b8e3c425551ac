import Link from "next/link";
import { PageTitle } from "@/components/ui";

export default function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        <Link href="/">Back to the shop</Link>
      </p>
    </>
  );
}
