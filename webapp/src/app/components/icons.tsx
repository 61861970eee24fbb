/** The few icons Loom uses, inline so nothing is fetched at run time. */
import { createElement, type ReactElement, type SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Icon({ size = 18, children, ...props }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

/** An icon of the given shapes, drawn in the style all of Loom's icons share. */
function icon(...shapes: ReactElement[]) {
  return function LoomIcon(props: IconProps) {
    return createElement(Icon, props, ...shapes);
  };
}

export const IconPlus = icon(<path d="M12 5v14M5 12h14" />);
export const IconChevronDown = icon(<path d="m6 9 6 6 6-6" />);
export const IconUser = icon(
  <circle cx="12" cy="8" r="4" />,
  <path d="M4 21a8 8 0 0 1 16 0" />,
);
export const IconGlobe = icon(
  <circle cx="12" cy="12" r="9" />,
  <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />,
);
export const IconMail = icon(
  <rect x="3" y="5" width="18" height="14" rx="2" />,
  <path d="m3 7 9 6 9-6" />,
);
export const IconRefresh = icon(<path d="M20 11a8 8 0 0 0-14.9-3M4 4v4h4M4 13a8 8 0 0 0 14.9 3M20 20v-4h-4" />);
export const IconBlueprint = icon(
  <rect x="3" y="3" width="18" height="18" rx="2" />,
  <path d="M3 9h18M9 21V9" />,
);
export const IconBuilding = icon(<path d="M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16M16 9h2a2 2 0 0 1 2 2v10M3 21h18M8 7h4M8 11h4M8 15h4" />);
export const IconSettings = icon(
  <circle cx="12" cy="12" r="3" />,
  <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />,
);
export const IconArrowUp = icon(<path d="M12 19V5M5 12l7-7 7 7" />);
export const IconArrowDown = icon(<path d="M12 5v14M19 12l-7 7-7-7" />);
export const IconTrash = icon(<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />);
export const IconEye = icon(
  <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />,
  <circle cx="12" cy="12" r="3" />,
);
export const IconEyeOff = icon(<path d="M3 3l18 18M10.6 5.1A10 10 0 0 1 12 5c6.5 0 10 7 10 7a17 17 0 0 1-3.2 4.1M6.6 6.6A17 17 0 0 0 2 12s3.5 7 10 7a9.7 9.7 0 0 0 5.4-1.6M9.9 9.9a3 3 0 0 0 4.2 4.2" />);
export const IconFilter = icon(<path d="M3 5h18l-7 8v6l-4 2v-8z" />);
export const IconColumns = icon(
  <rect x="3" y="4" width="18" height="16" rx="2" />,
  <path d="M9 4v16M15 4v16" />,
);
export const IconSearch = icon(
  <circle cx="11" cy="11" r="7" />,
  <path d="m20 20-3.5-3.5" />,
);
export const IconActivity = icon(<path d="M3 12h4l3 8 4-16 3 8h4" />);
/** The flow icon: three steps joined by arrows. */
export const IconFlow = icon(
  <circle cx="4.5" cy="12" r="2.5" />,
  <rect x="9" y="8.5" width="6" height="7" rx="1.5" />,
  <circle cx="19.5" cy="12" r="2.5" />,
  <path d="M7 12h2M15 12h2" />,
);
