import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/guard";
import { landingFor } from "@/lib/auth/navigation";

/** The landing page by role (lib/auth/navigation.ts landingFor). */
export default async function Home() {
  const viewer = await getViewer();
  redirect(landingFor(viewer?.role));
}
