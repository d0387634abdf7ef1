import "server-only";
import { cache } from "react";
import { getCall } from "@/lib/calls/detail";

/** One lookup per request, shared by the segment's layout (404 status) and its page (the content). */
export const loadCall = cache((id: string) => getCall(id));
