/**
 * A webhook receiver for Alertmanager's notifications, on a free loopback port: records every
 * POSTed body (Alertmanager's webhook payload) with the path it was sent to.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookAlert {
  readonly status: string;
  readonly labels: Readonly<Partial<Record<string, string>>>;
  readonly annotations: Readonly<Partial<Record<string, string>>>;
}

export interface Notification {
  readonly path: string;
  readonly receiver: string;
  readonly status: string;
  readonly alerts: readonly WebhookAlert[];
}

export interface WebhookReceiver {
  readonly url: string;
  readonly notifications: readonly Notification[];
  close(): Promise<void>;
}

/** Bounds a notification's body: Alertmanager's are a few kB. */
const MAX_BODY_BYTES = 1_000_000;

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: Notification[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Notification, 'path'>;
        notifications.push({ path: request.url ?? '', receiver: body.receiver, status: body.status, alerts: body.alerts });
        response.writeHead(200).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    notifications,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
