import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { processed: "green", ignored: "neutral", received: "blue", invalid: "amber", failed: "red" };

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} shape="pill" className="capitalize">
      {status}
    </Badge>
  );
}
