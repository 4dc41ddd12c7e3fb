// technique: an env name crafted against a granted variable pattern that backtracks exponentially
// grant: env.read=*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*AB
// within-ms: 1000
// expect error: CapabilityError: env.get() requires capability 'env.read': variable 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' matches none of the granted patterns
import env;
env.get("A" * 60);
