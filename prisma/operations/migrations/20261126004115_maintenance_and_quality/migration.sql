-- CreateTable
CREATE TABLE "IncomingInspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "receiptRef" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "photoRef" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uom" TEXT NOT NULL DEFAULT 'pcs',
    "kind" TEXT NOT NULL,
    "listPriceCents" INTEGER NOT NULL,
    "standardCostCents" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL DEFAULT 2000,
    "reorderPoint" INTEGER NOT NULL DEFAULT 0,
    "makeToOrder" BOOLEAN NOT NULL DEFAULT false,
    "inspectOnReceipt" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Product" ("active", "id", "kind", "listPriceCents", "makeToOrder", "name", "reorderPoint", "sku", "standardCostCents", "taxRateBp", "uom") SELECT "active", "id", "kind", "listPriceCents", "makeToOrder", "name", "reorderPoint", "sku", "standardCostCents", "taxRateBp", "uom" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_sku_key" ON "Product"("sku");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- CreateIndex
CREATE UNIQUE INDEX "IncomingInspection_key_key" ON "IncomingInspection"("key");
-- CreateIndex
CREATE INDEX "IncomingInspection_purchaseOrderId_idx" ON "IncomingInspection"("purchaseOrderId");
-- CreateIndex
CREATE INDEX "IncomingInspection_status_idx" ON "IncomingInspection"("status");
