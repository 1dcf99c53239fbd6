"use client";

import { ChevronDown, LogOut } from "lucide-react";
import { useMe } from "@/lib/client/use-me";
import { endSession } from "@/lib/client/sign-out";
import { ROLE_LABELS } from "@/lib/client/format";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem } from "@/components/ui/menu";

export function UserMenu() {
  const { data: me } = useMe();
  const user = me?.user;
  if (!user) return <span className="ml-1 size-7 rounded-full bg-surface-3" aria-hidden />;
  return (
    <Menu
      label="Account"
      trigger={(props) => (
        <button
          type="button"
          {...props}
          aria-label={`Account: ${user.name}`}
          className="focus-ring ml-1 flex items-center gap-1.5 rounded-ctl py-1 pr-1.5 pl-1 hover:bg-surface-2"
        >
          <Avatar name={user.name} seed={user.id} size="sm" />
          <span className="hidden max-w-32 truncate text-ui font-medium text-fg-2 md:inline">{user.name}</span>
          <ChevronDown className="size-3.5 text-muted" aria-hidden />
        </button>
      )}
      className="w-60"
    >
      <>
        <div className="px-2.5 pt-2 pb-2.5">
          <p className="truncate text-ui font-semibold">{user.name}</p>
          <p className="truncate text-2xs text-muted">{user.email}</p>
          <p className="mt-1.5">
            <span className="pill bg-surface-3 text-fg-2">{ROLE_LABELS[user.role]}</span>
          </p>
        </div>
        <div className="my-1 h-px bg-line" role="separator" />
        <MenuItem onClick={() => endSession("/login")}>
          <LogOut className="size-4 text-muted" aria-hidden />
          Sign out
        </MenuItem>
      </>
    </Menu>
  );
}
