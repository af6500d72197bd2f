/**
 * The ceiling of the /predict benchmark: a bare Fastify route that parses the same JSON body
 * and answers a constant, with none of the service's work (validation, model, metrics).
 */
import Fastify from 'fastify';

const app = Fastify();
app.post('/predict', () => ({ predicted_count: 16 }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.once('SIGTERM', () => void app.close());
