/**
 * How far V8's old generation may grow past what the last full collection kept before the next
 * one: 30 %, in every thread of bike-api, instead of V8's own factor (up to 4 times for a small
 * heap that collects fast). What an evaluation leaves on the serving thread (its request's body
 * chunks, held until the answer, and its results) is garbage in the old generation, freed only
 * by a full collection: with V8's factor, several evaluations' worth waited for one. Measured
 * side by side (docs/benchmarks.md): 10 to 17 MB less peak RSS during back-to-back 10,000-row
 * evaluations, idle RSS a few MB lower, the same CPU per evaluation and per prediction.
 */
import { setFlagsFromString } from 'node:v8';

const GROWING_PERCENT = 30;

setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
