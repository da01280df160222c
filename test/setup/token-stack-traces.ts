/**
 * Test-only: cdktf records a stack trace for every token it creates, to explain a misused token in
 * an error. Under Jest every trace goes through source-map support, which makes a synth several
 * times slower than outside Jest; the traces never reach the synthesized JSON. Tests record none.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const stackTrace = require('cdktf/lib/tokens/private/stack-trace');
stackTrace.captureStackTrace = (): string[] => [];
