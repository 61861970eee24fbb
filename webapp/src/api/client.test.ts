import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse } from "../test/render";

type ClientModule = typeof import("./client");
type SessionModule = typeof import("./session");

/** Stands in for BroadcastChannel: records what this tab posts; tests deliver what others post. */
class FakeChannel {
  static instances: FakeChannel[] = [];
  posted: unknown[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(public name: string) {
    FakeChannel.instances.push(this);
  }
  postMessage(data: unknown) {
    this.posted.push(data);
  }
  close() {}
  static deliver(data: unknown) {
    for (const channel of FakeChannel.instances) channel.onmessage?.({ data } as MessageEvent);
  }
}

const user = { id: 1, email: "ada@loom.test", confirmed_at: "2025-01-01T00:00:00Z", created_at: "2025-01-01T00:00:00Z" };
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();
const tokens = (access: string) => ({
  user,
  access_token: access,
  access_expires_at: inOneHour(),
  refresh_expires_at: inOneHour(),
});

function authOf(init?: RequestInit): string | undefined {
  return (init?.headers as Record<string, string> | undefined)?.Authorization;
}

let client: ClientModule;
let session: SessionModule;
let fetchMock: ReturnType<typeof vi.fn>;

const HINT = "loom_signed_in";
const setHint = () => (document.cookie = `${HINT}=1; path=/`);
const clearHint = () => (document.cookie = `${HINT}=; path=/; max-age=0`);

beforeEach(async () => {
  vi.resetModules();
  // The server's signed-in hint (runtime/auth/hint.py): most tests are about a browser that has a session.
  setHint();
  FakeChannel.instances = [];
  vi.stubGlobal("BroadcastChannel", FakeChannel);
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  client = await import("./client");
  session = await import("./session");
});

afterEach(() => {
  vi.unstubAllGlobals();
  clearHint();
});

describe("problem+json errors", () => {
  it("reads a 422 into an ApiError with messages per field", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        type: "about:blank",
        title: "Unprocessable Entity",
        status: 422,
        detail: "The input is not valid.",
        errors: { slug: ["This slug is taken."], name: "Too long." },
      }),
    );
    const error = await client.api.post("/api/tenants", { name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    const apiError = error as InstanceType<ClientModule["ApiError"]>;
    expect(apiError.status).toBe(422);
    expect(apiError.title).toBe("Unprocessable Entity");
    expect(apiError.detail).toBe("The input is not valid.");
    expect(apiError.fieldErrors).toEqual({ slug: ["This slug is taken."], name: ["Too long."] });
  });

  it("lifts messages nested under the request location", () => {
    expect(client.parseFieldErrors({ json: { email: ["Invalid email."], profile: { age: ["Too low."] } } })).toEqual({
      email: ["Invalid email."],
      "profile.age": ["Too low."],
    });
  });

  it("keeps Retry-After of a 429 and copes with a body that is not JSON", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(429, { title: "Too Many Requests", status: 429 }, { "Retry-After": "17" }));
    fetchMock.mockResolvedValueOnce(new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
    const limited = await client.api.get("/api/meta", { auth: false }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, retryAfter: 17, fieldErrors: {} });
    const broken = await client.api.get("/api/meta", { auth: false }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ status: 502, title: "Bad Gateway", detail: null });
  });

  it("reports an unreachable server as status 0", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(client.api.get("/api/meta", { auth: false })).rejects.toMatchObject({ status: 0 });
  });
});

describe("authenticated calls", () => {
  it("sends the access token, JSON and same-origin credentials", async () => {
    session.setSession(tokens("tok-1"));
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 7 }));
    await expect(client.api.post("/api/tenants", { name: "X" })).resolves.toEqual({ id: 7 });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/tenants");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBe(JSON.stringify({ name: "X" }));
    expect(authOf(init)).toBe("Bearer tok-1");
  });

  it("sends FormData as multipart, leaving the Content-Type to the browser, with the token", async () => {
    session.setSession(tokens("tok-1"));
    fetchMock.mockResolvedValue(jsonResponse(201, { file_id: "f1" }));
    const form = new FormData();
    form.append("blueprint", "stock_item");
    form.append("file", new File(["type,qty\nBOX,4\n"], "stock.csv", { type: "text/csv" }));
    await expect(client.api.post("/api/tenants/x/imports", form)).resolves.toEqual({ file_id: "f1" });
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(init.body).toBe(form);
    expect(init.headers).not.toHaveProperty("Content-Type");
    expect(authOf(init)).toBe("Bearer tok-1");
  });

  it("refreshes once for two concurrent 401s, then retries each call once", async () => {
    session.setSession(tokens("old"));
    let refreshes = 0;
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === "/api/auth/refresh") {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return jsonResponse(200, tokens("new"));
      }
      return authOf(init) === "Bearer new" ? jsonResponse(200, { url }) : jsonResponse(401, { title: "Unauthorized" });
    });

    const [a, b] = await Promise.all([client.api.get("/api/tenants"), client.api.get("/api/auth/me")]);

    expect(a).toEqual({ url: "/api/tenants" });
    expect(b).toEqual({ url: "/api/auth/me" });
    expect(refreshes).toBe(1);
    expect(fetchMock).toHaveBeenCalledTimes(5); // 2 rejected + 1 refresh + 2 retries
    expect(session.getSession().accessToken).toBe("new");
  });

  it("does not refresh again for a 401 that arrives after another call already refreshed", async () => {
    session.setSession(tokens("old"));
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === "/api/auth/refresh") return jsonResponse(200, tokens("new"));
      return authOf(init) === "Bearer new" ? jsonResponse(200, {}) : jsonResponse(401, {});
    });
    await client.api.get("/api/tenants");
    // A call that went out with the old token and comes back late:
    await expect(session.refreshSession("old")).resolves.toBe(true);
    expect(fetchMock.mock.calls.filter(([url]) => url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("retries only once: a second 401 is final", async () => {
    session.setSession(tokens("old"));
    fetchMock.mockImplementation(async (url: string) =>
      url === "/api/auth/refresh" ? jsonResponse(200, tokens("new")) : jsonResponse(401, { title: "Unauthorized" }),
    );
    await expect(client.api.get("/api/tenants")).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("signs out when the refresh token is rejected", async () => {
    session.setSession(tokens("old"));
    fetchMock.mockResolvedValue(jsonResponse(401, { title: "Unauthorized" }));
    await expect(client.api.get("/api/tenants")).rejects.toMatchObject({ status: 401 });
    expect(session.getSession()).toMatchObject({ status: "signed-out", accessToken: null, reason: "expired" });
  });

  it("refreshes before a call when the token is about to expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      session.setSession(tokens("old")); // valid for one hour
      fetchMock.mockImplementation(async (url: string) =>
        url === "/api/auth/refresh" ? jsonResponse(200, tokens("new")) : jsonResponse(200, {}),
      );
      await client.api.get("/api/tenants");
      expect(fetchMock).toHaveBeenCalledTimes(1); // plenty of time left: no refresh
      fetchMock.mockClear();
      vi.setSystemTime(Date.now() + 3_600_000 - 10_000); // ten seconds left
      await client.api.get("/api/tenants");
    } finally {
      vi.useRealTimers();
    }
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(["/api/auth/refresh", "/api/tenants"]);
    expect(authOf(fetchMock.mock.calls[1][1] as RequestInit)).toBe("Bearer new");
  });
});

describe("refresh across tabs", () => {
  it("holds the loom-refresh lock while refreshing", async () => {
    const held: string[] = [];
    vi.stubGlobal("navigator", {
      ...navigator,
      locks: {
        request: async (name: string, task: () => Promise<unknown>) => {
          held.push(name);
          return task();
        },
      },
    });
    fetchMock.mockResolvedValue(jsonResponse(200, tokens("new")));
    await expect(session.refreshSession(null)).resolves.toBe(true);
    expect(held).toEqual(["loom-refresh"]);
  });

  it("shares the new token with the other tabs", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, tokens("new")));
    await session.restoreSession();
    const posted = FakeChannel.instances.flatMap((channel) => channel.posted);
    expect(FakeChannel.instances[0]?.name).toBe("loom-auth");
    expect(posted).toContainEqual(expect.objectContaining({ type: "session", accessToken: "new" }));
  });

  it("uses a token another tab refreshed while this one waited for the lock", async () => {
    session.setSession(tokens("old"));
    let release: () => void = () => {};
    const otherTabDone = new Promise<void>((resolve) => (release = resolve));
    vi.stubGlobal("navigator", {
      ...navigator,
      locks: {
        request: async (_name: string, task: () => Promise<unknown>) => {
          await otherTabDone; // another tab holds the lock and is refreshing
          return task();
        },
      },
    });
    const waiting = session.refreshSession("old");
    FakeChannel.deliver({ type: "session", user, accessToken: "from-other-tab", expiresAt: Date.now() + 3_600_000, receivedAt: Date.now() });
    release();
    await expect(waiting).resolves.toBe(true);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(session.getSession().accessToken).toBe("from-other-tab");
  });

  it("signs out when another tab signs out", () => {
    session.setSession(tokens("tok"));
    FakeChannel.deliver({ type: "signed-out" });
    expect(session.getSession()).toMatchObject({ status: "signed-out", reason: "logout" });
  });
});

describe("restoring the session at start", () => {
  it("asks for a refresh once, however often it is called", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, tokens("restored")));
    await Promise.all([session.restoreSession(), session.restoreSession()]);
    await session.restoreSession();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(session.getSession()).toMatchObject({ status: "signed-in", accessToken: "restored", user });
  });

  it("does not undo a sign-in that finished while the restore was under way", async () => {
    let answer: (res: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    const restoring = session.restoreSession();
    await Promise.resolve();
    session.setSession(tokens("from-sign-in"));
    answer(jsonResponse(401, { title: "Unauthorized" }));
    await restoring;
    expect(session.getSession()).toMatchObject({ status: "signed-in", accessToken: "from-sign-in" });
  });

  it("ends signed out without a refresh cookie", async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { title: "Unauthorized" }));
    await session.restoreSession();
    expect(session.getSession().status).toBe("signed-out");
  });

  it("makes no refresh call when nobody signed in in this browser", async () => {
    clearHint();
    await session.restoreSession();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(session.getSession().status).toBe("signed-out");
  });

  it("makes no refresh call for a 401 without a session", async () => {
    clearHint();
    await session.restoreSession();
    fetchMock.mockResolvedValue(jsonResponse(401, { title: "Sign-in required" }));
    await expect(client.api.get("/api/tenants")).rejects.toBeInstanceOf(client.ApiError);
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(["/api/tenants"]);
  });

  it("refreshes when the hint says a session exists", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, tokens("restored")));
    await session.restoreSession();
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(["/api/auth/refresh"]);
  });
});
