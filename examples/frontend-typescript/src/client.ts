// A tiny Fengqiao client: typed operations over fetch (POST, or GET for queries) and over a
// graphql-transport-ws WebSocket. It sends each operation's hash only (persisted operations);
// when a server without the operation asks for it (PersistedQueryNotFound), it sends the
// document from the build's manifest once, and the hash alone from then on.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import manifest from "./gql/persisted-documents.json";

export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Result<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

export interface ClientOptions {
  /** e.g. https://fengqiao.example.cn/graphql */
  url: string;
  /** The token from the login mutation; sent as `Authorization: Bearer …`. */
  token?: string | null;
  /** Send queries with GET (cacheable by proxies; variables end up in URLs and logs). */
  getForQueries?: boolean;
  fetch?: typeof fetch;
}

type Documents = Record<string, string>;

interface Operation {
  name: string | undefined;
  kind: string;
  hash: string;
}

function describe(document: TypedDocumentNode<unknown, unknown>): Operation {
  const meta = (document as { __meta__?: { hash?: string } }).__meta__;
  if (!meta?.hash) throw new Error("document has no persisted hash: run `npm run codegen`");
  const definition = document.definitions.find((item) => item.kind === "OperationDefinition");
  const kind = definition && "operation" in definition ? String(definition.operation) : "query";
  const name = definition && "name" in definition ? definition.name?.value : undefined;
  // graphql-codegen writes "sha256:<hex>"; the persisted query protocol carries the hex.
  return { name, kind, hash: meta.hash.replace(/^sha256:/, "") };
}

function documentText(hash: string): string {
  const text = (manifest as Documents)[`sha256:${hash}`] ?? (manifest as Documents)[hash];
  if (text === undefined) throw new Error(`operation ${hash} is not in the manifest`);
  return text;
}

function isNotFound(result: Result<unknown>): boolean {
  return (result.errors ?? []).some((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND");
}

export class FengqiaoClient {
  constructor(private readonly options: ClientOptions) {}

  withToken(token: string | null): FengqiaoClient {
    return new FengqiaoClient({ ...this.options, token });
  }

  async execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<Result<TData>> {
    const operation = describe(document as TypedDocumentNode<unknown, unknown>);
    const first = await this.send<TData>(operation, variables, false);
    return isNotFound(first) ? this.send<TData>(operation, variables, true) : first;
  }

  private async send<TData>(operation: Operation, variables: unknown, withText: boolean): Promise<Result<TData>> {
    const fetchImpl = this.options.fetch ?? fetch;
    const extensions = { persistedQuery: { version: 1, sha256Hash: operation.hash } };
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    let response: Response;
    if (this.options.getForQueries && operation.kind === "query" && !withText) {
      const url = new URL(this.options.url);
      if (operation.name) url.searchParams.set("operationName", operation.name);
      url.searchParams.set("variables", JSON.stringify(variables ?? {}));
      url.searchParams.set("extensions", JSON.stringify(extensions));
      response = await fetchImpl(url, { method: "GET", headers });
    } else {
      headers["Content-Type"] = "application/json";
      const body = {
        operationName: operation.name,
        variables,
        extensions,
        ...(withText ? { query: documentText(operation.hash) } : {}),
      };
      response = await fetchImpl(this.options.url, { method: "POST", headers, body: JSON.stringify(body) });
    }
    if (!response.ok && !response.headers.get("content-type")?.includes("json")) {
      return { errors: [{ message: `HTTP ${response.status}: ${await response.text()}` }] };
    }
    return (await response.json()) as Result<TData>;
  }

  /** Subscribe over graphql-transport-ws; returns a function that ends the subscription. */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    handlers: { next: (result: Result<TData>) => void; error?: (errors: GraphQLErrorShape[]) => void },
  ): () => void {
    const operation = describe(document as TypedDocumentNode<unknown, unknown>);
    const url = this.options.url.replace(/^http/, "ws");
    const socket = new WebSocket(url, "graphql-transport-ws");
    const id = "1";
    socket.addEventListener("open", () => {
      const payload = this.options.token ? { Authorization: `Bearer ${this.options.token}` } : {};
      socket.send(JSON.stringify({ type: "connection_init", payload }));
    });
    socket.addEventListener("message", (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { type: string; id?: string; payload?: unknown };
      if (message.type === "connection_ack") {
        const extensions = { persistedQuery: { version: 1, sha256Hash: operation.hash } };
        const payload = { operationName: operation.name, variables, extensions };
        socket.send(JSON.stringify({ id, type: "subscribe", payload }));
      } else if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong" }));
      } else if (message.type === "next" && message.id === id) {
        handlers.next(message.payload as Result<TData>);
      } else if (message.type === "error" && message.id === id) {
        handlers.error?.(message.payload as GraphQLErrorShape[]);
      }
    });
    return () => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: "complete" }));
      socket.close(1000);
    };
  }
}
