import "@testing-library/jest-dom/vitest";
import { notifications } from "@mantine/notifications";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeAll, vi } from "vitest";
import { preloadPages } from "../app/lazyPage";
import i18n from "../i18n";
import { mediaQueryList } from "./media";

// jsdom lacks the layout APIs Mantine's components call.
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView = () => {};

Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => mediaQueryList(query, false)),
});

// Mantine's autosizing Textarea listens for web fonts loading.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;

// Tests read English texts, whatever the machine's locale.
void i18n.changeLanguage("en");

// Pages are lazy (app/lazyPage.tsx): the ones the test file's routes name are loaded before its
// tests, as the router's static imports were, so a first findBy does not wait for module loading.
beforeAll(() => preloadPages());

// A page now appears after its chunk's import() settles (one more step than a static import);
// on a busy machine findBy's default second is too short for that.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // Notifications live in a module-wide store; one test's must not show in the next.
  notifications.clean();
  localStorage.clear();
});
