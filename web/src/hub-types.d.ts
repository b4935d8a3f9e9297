// The console imports the hub's DTO *types* (src/app/core/hub-types.ts). A few of those files
// import Node built-ins for their runtime half, which never reaches the browser bundle; this
// shorthand declaration lets the type checker follow them without pulling Node's typings in.
declare module 'node:crypto';
