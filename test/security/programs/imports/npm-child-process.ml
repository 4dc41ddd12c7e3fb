// technique: import child_process to spawn a shell
// expect compile error: ML3001 child_process
import child_process;
child_process.execSync("touch /tmp/mljs-escape-npm-child-process");
