-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CustomerRefund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "returnId" INTEGER,
    "invoiceId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT 'return',
    "amountCents" INTEGER NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "journalEntryId" INTEGER,
    CONSTRAINT "CustomerRefund_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CustomerRefund" ("amountCents", "id", "invoiceId", "journalEntryId", "number", "paidAt", "returnId") SELECT "amountCents", "id", "invoiceId", "journalEntryId", "number", "paidAt", "returnId" FROM "CustomerRefund";
DROP TABLE "CustomerRefund";
ALTER TABLE "new_CustomerRefund" RENAME TO "CustomerRefund";
CREATE UNIQUE INDEX "CustomerRefund_number_key" ON "CustomerRefund"("number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
