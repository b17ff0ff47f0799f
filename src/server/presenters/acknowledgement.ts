import type { TAcknowledgementSetting } from "../../shared/sla.ts";
import type { AcknowledgementSetting } from "../sla/acknowledgementSettings.ts";

export function presentAcknowledgementSetting(
  setting: AcknowledgementSetting,
): TAcknowledgementSetting {
  const { estimate } = setting;
  return {
    channelId: setting.channel.id,
    channelName: setting.channel.name,
    channelKind: setting.channel.kind,
    enabled: setting.enabled,
    estimate: estimate
      ? {
          expectedAt: estimate.expectedAt.toISOString(),
          waitMinutes: estimate.waitMinutes,
          openNow: estimate.openNow,
          opensAt: estimate.opensAt.toISOString(),
          source: estimate.source,
          medianMinutes: estimate.medianMinutes,
          samples: estimate.samples,
          queueAhead: estimate.queueAhead,
        }
      : null,
    preview: setting.preview,
  };
}
