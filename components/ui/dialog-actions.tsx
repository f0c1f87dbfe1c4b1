import { Button } from "./button";
import { DialogClose, DialogFooter } from "./dialog";

type Props = {
  label: string;
  pendingLabel: string;
  pending: boolean;
  /** Held back for a reason other than pending, e.g. the confirmation text not typed yet. */
  disabled?: boolean;
  variant?: "primary" | "danger";
  /** A Cancel that closes the dialog, for the dialogs that destroy something. */
  cancel?: boolean;
  /** Outside a form the button runs this; inside one it submits the form. */
  onConfirm?: () => void;
};

/** Every dialog's footer: its one action, labelled with what it is doing while the server works. */
export function DialogActions({ label, pendingLabel, pending, disabled = false, variant = "primary", cancel = false, onConfirm }: Props) {
  return (
    <DialogFooter>
      {cancel && (
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            Cancel
          </Button>
        </DialogClose>
      )}
      <Button type={onConfirm ? "button" : "submit"} variant={variant} onClick={onConfirm} disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
    </DialogFooter>
  );
}
