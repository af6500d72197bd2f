/**
 * Where Grafana sends its alert notifications, in Grafana's provisioning file format
 * (`deployment/grafana/provisioning/alerting/notification.yaml`): one contact point that forwards
 * every Grafana-managed alert to the stack's Alertmanager, and the policy tree that uses it.
 *
 * Why a forwarding contact point rather than Grafana's "external Alertmanager" setting: the
 * contact point is provisioned from this file, so it holds on a fresh volume, whereas the choice
 * of the Alertmanagers that receive Grafana's alerts is an admin setting (UI or API) that a file
 * cannot set. Either way, Alertmanager then routes, groups, inhibits and silences the alerts of
 * both engines with one tree (deployment/alertmanager/alertmanager.yml), and the receivers'
 * webhooks are configured there only.
 *
 * A provisioned policy tree replaces the whole tree and is read-only in the UI: routing changes
 * go through Alertmanager's configuration, not here.
 */

/** Alertmanager as Grafana reaches it in Docker Compose (the service name). */
export const ALERTMANAGER_URL = 'http://alertmanager:9093';
export const CONTACT_POINT = 'alertmanager';

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
            // Grafana's "Alertmanager" contact point: posts the alerts to Alertmanager's v2 API.
            type: 'prometheus-alertmanager',
            settings: { url: ALERTMANAGER_URL },
            // Alertmanager learns when an alert resolves, and tells the receivers.
            disableResolveMessage: false,
          },
        ],
      },
    ],
    policies: [
      {
        orgId: 1,
        receiver: CONTACT_POINT,
        // '...' = no grouping here: each alert is passed on as it is, Alertmanager groups.
        group_by: ['...'],
        group_wait: '10s',
        group_interval: '1m',
        // Grafana marks each alert it sends as ending a few evaluation intervals later (the rules
        // evaluate every minute): resending every 2 minutes keeps a firing alert alive in
        // Alertmanager, which deduplicates, so people are not notified again by these resends.
        repeat_interval: '2m',
      },
    ],
  };
}
