-- DropIndex
DROP INDEX "WorkOrderOperation_workOrderId_sequence_key";
-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "WorkOrderOperation";
PRAGMA foreign_keys=on;
-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "next" INTEGER NOT NULL
);
-- CreateTable
CREATE TABLE "ManufacturingOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "productSku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "bomId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "parentType" TEXT NOT NULL,
    "parentRef" TEXT,
    "requestedBy" TEXT NOT NULL,
    "dueDate" DATETIME,
    "plannedStart" DATETIME,
    "plannedEnd" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "materialCostCents" INTEGER NOT NULL DEFAULT 0,
    "machineCostCents" INTEGER NOT NULL DEFAULT 0,
    "labourCostCents" INTEGER NOT NULL DEFAULT 0,
    "lossCents" INTEGER NOT NULL DEFAULT 0,
    "statusNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- CreateTable
CREATE TABLE "MaterialReservation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "moId" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaterialReservation_moId_fkey" FOREIGN KEY ("moId") REFERENCES "ManufacturingOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkCenter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slots" INTEGER NOT NULL DEFAULT 1,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "workdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "openMinute" INTEGER NOT NULL DEFAULT 360,
    "closeMinute" INTEGER NOT NULL DEFAULT 1320,
    "holidays" TEXT NOT NULL DEFAULT '',
    "costPerHourCents" INTEGER NOT NULL,
    "labourPerHourCents" INTEGER NOT NULL DEFAULT 0,
    "controllerUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'available'
);
INSERT INTO "new_WorkCenter" ("code", "costPerHourCents", "id", "name", "status") SELECT "code", "costPerHourCents", "id", "name", "status" FROM "WorkCenter";
DROP TABLE "WorkCenter";
ALTER TABLE "new_WorkCenter" RENAME TO "WorkCenter";
CREATE UNIQUE INDEX "WorkCenter_code_key" ON "WorkCenter"("code");
CREATE TABLE "new_RoutingStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bomId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "alternativeWorkCenterId" INTEGER,
    "setupMinutes" INTEGER NOT NULL DEFAULT 0,
    "minutesPerUnit" INTEGER NOT NULL,
    CONSTRAINT "RoutingStep_bomId_fkey" FOREIGN KEY ("bomId") REFERENCES "Bom" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoutingStep_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoutingStep_alternativeWorkCenterId_fkey" FOREIGN KEY ("alternativeWorkCenterId") REFERENCES "WorkCenter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RoutingStep" ("bomId", "id", "minutesPerUnit", "name", "sequence", "setupMinutes", "workCenterId") SELECT "bomId", "id", "minutesPerUnit", "name", "sequence", "setupMinutes", "workCenterId" FROM "RoutingStep";
DROP TABLE "RoutingStep";
ALTER TABLE "new_RoutingStep" RENAME TO "RoutingStep";
CREATE UNIQUE INDEX "RoutingStep_bomId_sequence_key" ON "RoutingStep"("bomId", "sequence");
CREATE TABLE "new_WorkOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "moId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "minutesPlanned" INTEGER NOT NULL,
    "minutesActual" INTEGER,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "plannedStart" DATETIME,
    "plannedEnd" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "lastHeartbeatAt" DATETIME,
    CONSTRAINT "WorkOrder_moId_fkey" FOREIGN KEY ("moId") REFERENCES "ManufacturingOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkOrder_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_WorkOrder" ("finishedAt", "id", "plannedEnd", "plannedStart", "startedAt", "status") SELECT "finishedAt", "id", "plannedEnd", "plannedStart", "startedAt", "status" FROM "WorkOrder";
DROP TABLE "WorkOrder";
ALTER TABLE "new_WorkOrder" RENAME TO "WorkOrder";
CREATE INDEX "WorkOrder_workCenterId_status_idx" ON "WorkOrder"("workCenterId", "status");
CREATE UNIQUE INDEX "WorkOrder_moId_sequence_key" ON "WorkOrder"("moId", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- CreateIndex
CREATE UNIQUE INDEX "ManufacturingOrder_number_key" ON "ManufacturingOrder"("number");
-- CreateIndex
CREATE UNIQUE INDEX "ManufacturingOrder_key_key" ON "ManufacturingOrder"("key");
-- CreateIndex
CREATE INDEX "ManufacturingOrder_status_idx" ON "ManufacturingOrder"("status");
-- CreateIndex
CREATE INDEX "ManufacturingOrder_parentRef_idx" ON "ManufacturingOrder"("parentRef");
-- CreateIndex
CREATE UNIQUE INDEX "MaterialReservation_key_key" ON "MaterialReservation"("key");
-- CreateIndex
CREATE INDEX "MaterialReservation_moId_idx" ON "MaterialReservation"("moId");
-- CreateIndex
CREATE INDEX "MaterialReservation_sku_status_idx" ON "MaterialReservation"("sku", "status");
-- CreateIndex
CREATE INDEX "ProductionStockMove_reference_idx" ON "ProductionStockMove"("reference");
