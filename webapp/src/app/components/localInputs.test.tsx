import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { renderPage } from "../../test/render";
import { DateInput, DateTimeInput } from "./DateInput";
import { NumberField } from "./NumberField";

/** Each input with its value shown beside it, as the form behind it would hold it. */
function Form({ initial = {} }: { initial?: Partial<Record<"date" | "when" | "amount", string>> }) {
  const [date, setDate] = useState(initial.date ?? "");
  const [when, setWhen] = useState(initial.when ?? "");
  const [amount, setAmount] = useState(initial.amount ?? "");
  return (
    <>
      <DateInput label="Day" value={date} onChange={setDate} />
      <DateTimeInput label="When" value={when} onChange={setWhen} timeZone="Europe/Berlin" />
      <NumberField label="Amount" value={amount} onChange={setAmount} />
      <output aria-label="values">{JSON.stringify({ date, when, amount })}</output>
    </>
  );
}

const values = () => JSON.parse(screen.getByLabelText("values").textContent ?? "{}") as Record<string, string>;

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("inputs in the interface language", () => {
  it("show and read German dates, times and numbers", async () => {
    await i18n.changeLanguage("de");
    const u = userEvent.setup();
    renderPage(<Form initial={{ date: "2026-11-01", when: "2026-11-01T09:00", amount: "1234.5" }} />);
    expect(await screen.findByLabelText("Day")).toHaveValue("01.11.2026");
    expect(screen.getByLabelText("When")).toHaveValue("01.11.2026 09:00");
    expect(screen.getByLabelText("When")).toHaveAttribute("placeholder", "TT.MM.JJJJ HH:MM");
    expect(screen.getByLabelText("Amount")).toHaveValue("1.234,5");

    await u.clear(screen.getByLabelText("Day"));
    await u.type(screen.getByLabelText("Day"), "2.1.2027");
    await u.clear(screen.getByLabelText("When"));
    await u.type(screen.getByLabelText("When"), "25.10.2026 2:30");
    await u.clear(screen.getByLabelText("Amount"));
    await u.type(screen.getByLabelText("Amount"), "9876543210,10");
    await u.tab();
    expect(values()).toEqual({ date: "2027-01-02", when: "2026-10-25T02:30", amount: "9876543210.10" });
    expect(screen.getByLabelText("Day")).toHaveValue("02.01.2027");
    expect(screen.getByLabelText("When")).toHaveValue("25.10.2026 02:30");
    expect(screen.getByLabelText("Amount")).toHaveValue("9.876.543.210,10");
  });

  it("say in the language's way what they cannot read", async () => {
    await i18n.changeLanguage("de");
    const u = userEvent.setup();
    renderPage(<Form />);
    await u.type(await screen.findByLabelText("When"), "01.11.2026");
    await u.type(screen.getByLabelText("Amount"), "12x");
    await u.tab();
    expect(screen.getByText("Geben Sie Datum und Uhrzeit als TT.MM.JJJJ HH:MM ein, zum Beispiel 31.12.2026 17:30")).toBeInTheDocument();
    expect(screen.getByText("Geben Sie eine Zahl ein, zum Beispiel 1.234,5")).toBeInTheDocument();
    expect(values()).toMatchObject({ when: "01.11.2026", amount: "12x" });
    // Typing again takes the message away until the input is left again.
    await u.type(screen.getByLabelText("Amount"), "{Backspace}");
    expect(screen.queryByText("Geben Sie eine Zahl ein, zum Beispiel 1.234,5")).not.toBeInTheDocument();
    expect(values().amount).toBe("12");
  });

  it("point out a time the clocks skip", async () => {
    await i18n.changeLanguage("de");
    const u = userEvent.setup();
    renderPage(<Form />);
    await u.type(await screen.findByLabelText("When"), "29.03.2026 02:30");
    expect(screen.getByText("29.03.2026 02:30 gibt es in Europe/Berlin nicht (die Uhren werden vorgestellt); gespeichert wird 29.03.2026 03:30")).toBeInTheDocument();
  });

  it("show English and follow a change of language", async () => {
    const u = userEvent.setup();
    renderPage(<Form initial={{ date: "2026-11-01", when: "2026-11-01T17:30", amount: "1234.5" }} />);
    expect(await screen.findByLabelText("Day")).toHaveValue("11/01/2026");
    expect(screen.getByLabelText("When")).toHaveValue("11/01/2026 05:30 PM");
    expect(screen.getByLabelText("Amount")).toHaveValue("1,234.5");
    await u.clear(screen.getByLabelText("When"));
    await u.type(screen.getByLabelText("When"), "2026-11-02T08:15");
    await u.tab();
    expect(values().when).toBe("2026-11-02T08:15");
    expect(screen.getByLabelText("When")).toHaveValue("11/02/2026 08:15 AM");
    await i18n.changeLanguage("de");
    await waitFor(() => expect(screen.getByLabelText("When")).toHaveValue("02.11.2026 08:15"));
    expect(screen.getByLabelText("Amount")).toHaveValue("1.234,5");
  });
});
