// technique: a long run of digits that a backtracking number pattern takes minutes to refuse
// grant: env.read, env.write
// within-ms: 1000
// expect error: ValueError: Environment variable N is not a valid number: '1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111… (200001 characters)'
import env;
env.set("N", "1" * 200000 + "x");
env.getFloat("N");
