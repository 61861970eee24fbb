/** The flow icon: three steps joined by arrows, inline like the app's other icons. */
export function IconFlow({ size = 18 }: { size?: number }) {
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
    >
      <circle cx="4.5" cy="12" r="2.5" />
      <rect x="9" y="8.5" width="6" height="7" rx="1.5" />
      <circle cx="19.5" cy="12" r="2.5" />
      <path d="M7 12h2M15 12h2" />
    </svg>
  );
}
