// The part of the extension that activation does not need: the ARI client (ws, http, the spec's
// operations), the sessions and their model, the trace proxy, the commands' logic, and the Event
// Inspector's reading and writing of files. esbuild.config.mjs bundles it apart (dist/core.js),
// and src/ui/core.ts loads it at the first connection, command or file of the inspector, so VS
// Code parses and runs only the small rest when it activates the extension.
export { AriRestClient } from './ari/AriRestClient';
export { ProxyThread } from './proxy/ProxyThread';
export { subjectsOf } from './model/trace/exchangeSubjects';
export { compileFilter } from './inspector/InspectorFilter';
export { readCapture, writeCapture } from './ui/inspector/captureFile';
export { ServerSession } from './model/session/ServerSession';
export { runCommand } from './ui/commands/commandHandlers';
export { ConsoleController } from './console/ConsoleController';
export { ConsoleHistory } from './console/ConsoleHistory';
export { loadServerCatalogue } from './ari/spec/loadAriCatalogue';
export { consoleServerOf } from './console/consoleServerOf';
export { appendHttpRequest } from './console/httpFile';
