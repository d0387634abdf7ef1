import type { Metadata } from "next";
import { ImportUploadForm } from "@/components/accounts-admin/import-upload-form";
import { UPLOAD_MAX_BYTES } from "@/lib/accounts/upload";
import { requireRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Import calls" };

export default async function ImportPage() {
  await requireRole("admin");
  return <ImportUploadForm maxMiB={UPLOAD_MAX_BYTES / 1024 / 1024} />;
}
