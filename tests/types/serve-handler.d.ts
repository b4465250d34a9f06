declare module 'serve-handler' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Options = { public?: string; cleanUrls?: boolean; trailingSlash?: boolean; directoryListing?: boolean };
  export default function handler(request: IncomingMessage, response: ServerResponse, options?: Options): Promise<void>;
}
