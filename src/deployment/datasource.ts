/**
 * The Prometheus data source provisioned in Grafana
 * (`deployment/grafana/provisioning/datasources/prometheus.yaml`, checked by a test). Every panel
 * and every Grafana alert query names it by this fixed uid, so nothing depends on which data
 * source happens to be the default.
 */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

/** Grafana's server-side expressions (reduce, threshold) in alert rules. */
export const EXPRESSION_DATASOURCE = { type: '__expr__', uid: '__expr__' } as const;
