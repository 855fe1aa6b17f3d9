// Every child process's entry (start.ts). A child starts without its parent's loader (it is forked with no
// execArgv, so that it does not inherit a test runner's flags either): this registers tsx for the whole
// process and then loads the module the parent named, which reads its own arguments after it.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
