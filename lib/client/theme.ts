export type ThemePreference = "light" | "dark" | "system";
export const THEME_STORAGE_KEY = "sportello-theme";

/**
 * Runs before first paint (inlined in <head>): applies the stored theme, or the system's,
 * as `data-theme` and the `dark` class on <html>, so there is no flash of the wrong theme.
 */
export const themeBootScript = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var m=window.matchMedia("(prefers-color-scheme: dark)");var apply=function(){var s=localStorage.getItem(k);var d=s==="dark"||(s!=="light"&&m.matches);var r=document.documentElement;r.classList.toggle("dark",d);r.dataset.theme=d?"dark":"light";r.style.colorScheme=d?"dark":"light";};apply();m.addEventListener("change",apply);}catch(e){}})();`;

export function readThemePreference(): ThemePreference {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

export function applyTheme(pref: ThemePreference) {
  try {
    if (pref === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, pref);
  } catch {
    /* storage may be unavailable (private mode); the theme still applies for this page */
  }
  const dark = pref === "dark" || (pref === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  const root = document.documentElement;
  root.classList.toggle("dark", dark);
  root.dataset.theme = dark ? "dark" : "light";
  root.style.colorScheme = dark ? "dark" : "light";
}
