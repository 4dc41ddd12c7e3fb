/**
 * The Node modules behind the effectful stdlib (`node:fs`, `node:http`, `node:net`, …) in the
 * playground's worker. The playground grants no capability, so every stdlib function that would
 * reach one of these is refused by its capability check first; what is left here only has to
 * load. Any function called anyway throws an error saying so.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is not available in the browser playground`);
}

function stub(name: string): (...args: unknown[]) => never {
  return () => unavailable(name);
}

// node:fs
export const existsSync = stub("fs.existsSync");
export const readdirSync = stub("fs.readdirSync");
export const readFileSync = stub("fs.readFileSync");
export const realpathSync = stub("fs.realpathSync");
export const statSync = stub("fs.statSync");
export const lstatSync = stub("fs.lstatSync");
export const unlinkSync = stub("fs.unlinkSync");
export const mkdirSync = stub("fs.mkdirSync");
export const rmdirSync = stub("fs.rmdirSync");
export const rmSync = stub("fs.rmSync");
export const openSync = stub("fs.openSync");
export const closeSync = stub("fs.closeSync");
export const readSync = stub("fs.readSync");
export const writeSync = stub("fs.writeSync");
export const fstatSync = stub("fs.fstatSync");
export const renameSync = stub("fs.renameSync");
export const fsyncSync = stub("fs.fsyncSync");
export const writeFileSync = stub("fs.writeFileSync");
export const appendFileSync = stub("fs.appendFileSync");
export const constants = Object.freeze({ O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024, O_NOFOLLOW: 131072 });

// node:net
export function isIP(input: string): number {
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(input)) return 4;
  return input.includes(":") && /^[0-9a-fA-F:.]+$/.test(input) ? 6 : 0;
}
export class BlockList {
  addSubnet(): void {}
  addAddress(): void {}
  addRange(): void {}
  check(): boolean {
    return unavailable("net.BlockList");
  }
}

// node:http, node:https
export const request = stub("http.request");
export const STATUS_CODES: Record<number, string> = {};
export const validateHeaderName = stub("http.validateHeaderName");
export const validateHeaderValue = stub("http.validateHeaderValue");

// node:zlib
export const brotliDecompress = stub("zlib.brotliDecompress");
export const gunzip = stub("zlib.gunzip");
export const inflate = stub("zlib.inflate");

// node:os
export const homedir = (): string => "/";
export const tmpdir = (): string => "/tmp";

// node:dns/promises
export const lookup = stub("dns.lookup");

export default {};
