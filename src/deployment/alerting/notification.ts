/**
 * Where Grafana sends its alert notifications: one webhook contact point and the notification
 * policy tree, in Grafana's provisioning file format
 * (`deployment/grafana/provisioning/alerting/notification.yaml`).
 *
 * A webhook needs no account and no secret, so the stack works on a laptop as cloned. Its URL
 * comes from the environment (Grafana expands `$VAR` in provisioning files but has no default
 * syntax, so Docker Compose must always set the variable, with a harmless default). Firing alerts
 * show in Grafana's alerting pages whether or not the webhook is reachable.
 *
 * A provisioned policy tree replaces the whole tree and is read-only in the UI: routing changes
 * go through this file.
 */

/** Environment variable holding the webhook URL; Docker Compose sets it for the Grafana service. */
export const ALERT_WEBHOOK_URL_ENV = 'ALERT_WEBHOOK_URL';
export const CONTACT_POINT = 'bike-ops-webhook';

export interface NotificationFile {
  readonly apiVersion: 1;
  readonly contactPoints: readonly {
    readonly orgId: number;
    readonly name: string;
    readonly receivers: readonly {
      readonly uid: string;
      readonly type: string;
      readonly settings: Readonly<Record<string, string>>;
      readonly disableResolveMessage: boolean;
    }[];
  }[];
  readonly policies: readonly {
    readonly orgId: number;
    readonly receiver: string;
    readonly group_by: readonly string[];
    readonly group_wait: string;
    readonly group_interval: string;
    readonly repeat_interval: string;
  }[];
}

export function notificationFile(): NotificationFile {
  return {
    apiVersion: 1,
    contactPoints: [
      {
        orgId: 1,
        name: CONTACT_POINT,
        receivers: [
          {
            uid: CONTACT_POINT,
            type: 'webhook',
            settings: { url: `$${ALERT_WEBHOOK_URL_ENV}`, httpMethod: 'POST' },
            disableResolveMessage: false,
          },
        ],
      },
    ],
    policies: [
      {
        orgId: 1,
        receiver: CONTACT_POINT,
        // One notification per alert rule and folder; resend a still-firing alert every 4h.
        group_by: ['grafana_folder', 'alertname'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '4h',
      },
    ],
  };
}
